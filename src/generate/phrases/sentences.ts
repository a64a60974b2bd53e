/**
 * Generic wording shared by every theme: the connective tissue of action plans, IRM reports and
 * government progress reports. Placeholders in braces are filled by text.ts.
 */

export const QUALIFIERS = [
  'at the local level',
  'in line with international standards',
  'through co-creation with civil society',
  'across all ministries',
  'in the regions',
  'for women and young people',
  'with citizen participation',
  'across government',
  'in municipalities',
  'in open data formats',
  'with the support of development partners',
  'in a user-friendly way',
] as const;

export const SECTORS = [
  'in the health sector',
  'in the education sector',
  'in the justice sector',
  'for state-owned enterprises',
  'for local governments',
  'in the extractive sector',
  'for public utilities',
  'in the security sector',
  'for social programmes',
  'in public universities',
] as const;

export const STAKEHOLDERS = [
  'civil society organisations',
  'journalists',
  'local communities',
  'academia',
  'the private sector',
  'persons with disabilities',
  'young people',
  "women's organisations",
  'trade unions',
  'the open government forum',
  'development partners',
  'local governments',
] as const;

export const TITLE_OPENERS = ['Strengthening', 'Improving', 'Institutionalising', 'Promoting', 'Transparency of', 'Opening up', 'Monitoring', 'Reforming'] as const;

export const STATUS_QUO = [
  'In {year}, only {pct}% of public institutions complied with their obligations in this area.',
  'A {year} assessment by {stakeholder} found serious gaps in implementation.',
  'The current legal framework dates from {oldYear} and has not kept pace with technology.',
  'Several ministries have taken isolated initiatives, but there is no common approach.',
  'The previous action plan started this work, but it was only partly completed.',
  'Civil society has long called for reform, most recently during the co-creation of this plan.',
  'International reviews in {year} recommended action in this area.',
  'Information exists within government but is not shared with the public in a usable form.',
] as const;

export const AMBITION = [
  'This commitment goes beyond current practice by making {subject} binding on every public body.',
  'For the first time, {stakeholder} will take part in monitoring {subject}.',
  'The commitment builds on the previous action plan and extends it nationwide.',
  'If fully implemented, it will change how government works with {stakeholder}.',
  'The ambition is to move from pilot projects to a permanent, institutionalised practice.',
] as const;

export const MILESTONES = [
  'Draft {subject} in consultation with civil society',
  'Adopt {subject}',
  'Publish {subject} online',
  'Train {n} public officials on {subject}',
  'Pilot {subject} in {n} municipalities',
  'Evaluate {subject} and publish the results',
  'Hold {n} public consultations on {subject}',
  'Launch an awareness campaign on {subject}',
  'Develop technical specifications for {subject}',
  'Set up a working group with {stakeholder} on {subject}',
  'Publish a progress report on {subject}',
  'Review the legal framework for {subject}',
] as const;

export const NARRATIVE_STATUS: Readonly<Record<string, readonly string[]>> = {
  not_started: [
    'Work has not started yet; the {lead} is preparing the terms of reference.',
    'Implementation is delayed while funding is secured.',
    'The responsible team has been appointed but activities have not begun.',
  ],
  limited: [
    'Work has started: a working group met {n} times and agreed a workplan.',
    'A first draft was prepared and shared with {stakeholder}.',
    'Preparatory work is under way, although procurement delays pushed the launch back by {months} months.',
  ],
  substantial: [
    'Most activities are complete: the draft was published for public comment and received {n} comments.',
    '{n} officials were trained and the pilot is running in several institutions.',
    'The platform is live in test form and {stakeholder} have been invited to try it.',
  ],
  complete: [
    'All milestones are complete and the results have been published.',
    'The commitment is complete; the {lead} will maintain it as part of its regular work.',
    'Completed. An evaluation with {stakeholder} is planned for next year.',
  ],
  withdrawn: ['The commitment was withdrawn after a change of government priorities.'],
};

export const NARRATIVE_DETAIL = [
  'Evidence is available on the open government website.',
  'Civil society representatives on the forum reviewed this update.',
  'The next step is a public event to present the results.',
  'Funding was provided by a development partner.',
  'Coordination between institutions remains a challenge.',
  'The change of minister slowed progress for several months.',
  'The IRM recommended involving {stakeholder} more closely.',
  '',
  '',
] as const;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Spanish wording for members whose plans are written in Spanish. */
export const ES = {
  openers: ['Fortalecimiento de', 'Mejora de', 'Institucionalización de', 'Promoción de', 'Transparencia en'],
  qualifiers: ['a nivel local', 'con participación ciudadana', 'en todas las instituciones públicas', 'en formato de datos abiertos', 'con la sociedad civil'],
  problem: [
    'La ciudadanía no cuenta con información oportuna y de calidad sobre {subject}.',
    'Las instituciones públicas no publican de manera proactiva la información sobre {subject}.',
    'No existen mecanismos efectivos de participación ciudadana en {subject}.',
  ],
  statusQuo: [
    'En {year}, solo el {pct}% de las instituciones cumplía con sus obligaciones.',
    'El marco normativo vigente data de {oldYear} y requiere actualización.',
    'El plan de acción anterior inició este trabajo, pero solo se completó parcialmente.',
  ],
  objective: 'Objetivo: {action}, de modo que la ciudadanía pueda participar y exigir rendición de cuentas.',
  ambition: 'Este compromiso va más allá de la práctica actual al institucionalizar {subject}.',
  milestones: [
    'Elaborar una propuesta sobre {subject} con la sociedad civil',
    'Publicar {subject} en el portal institucional',
    'Capacitar a {n} funcionarios públicos sobre {subject}',
    'Realizar {n} mesas de trabajo sobre {subject}',
    'Evaluar la implementación y publicar los resultados',
  ],
  narrative: {
    not_started: ['El compromiso aún no ha iniciado.'],
    limited: ['Se conformó una mesa de trabajo que sesionó {n} veces.'],
    substantial: ['Se publicó el borrador para consulta pública y se recibieron {n} comentarios.'],
    complete: ['Todos los hitos se cumplieron y los resultados fueron publicados.'],
    withdrawn: ['El compromiso fue retirado por un cambio de prioridades.'],
  } as Readonly<Record<string, readonly string[]>>,
} as const;
