// OGP names each action plan AP_ followed by its member's code and the plan's number in two digits:
// AP_ALB01 is Albania's first plan, AP_ARBA02 Buenos Aires's second.

const PLAN_ID = /^AP_([A-Z][A-Z0-9]{1,7})(\d{2,3})$/;

export const isPlanId = (value: string): boolean => PLAN_ID.test(value);

/** The member code inside a plan id (ALB in AP_ALB01), or null when the id is not one. */
export const memberCodeOfPlanId = (value: string): string | null => PLAN_ID.exec(value)?.[1] ?? null;

/** The id OGP would give a member's plan of this number. */
export const planIdFor = (memberCode: string, number: number): string => `AP_${memberCode}${String(number).padStart(2, '0')}`;
