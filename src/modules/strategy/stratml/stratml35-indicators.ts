/**
 * StratML 3.5 performance indicators as Part 2 PerformanceIndicators. The 3.5 indicator has a Name,
 * which is what Part 2 calls the MeasurementDimension (the label people read); its own
 * MeasurementDimension is a period or axis ("Monthly") and is only used when there is no Name.
 * Its Target and Actual lists become one MeasurementInstance of target and actual results.
 */
import { blankIndicator, blankResult } from './blank.ts';
import { VALUE_CHAIN_STAGES, type Descriptor, type IndicatorType, type MeasurementInstance, type PerformanceIndicator, type Result } from './model.ts';
import { Once, type ReadContext } from './read-context.ts';
import { childText, IDENTIFIER_NAMES, nameOf, type Located, type Stratml35References } from './stratml35-references.ts';
import { LINK_AND_STATE_ELEMENTS, NO_PART2_EQUIVALENT } from './stratml35-unmapped.ts';
import { cleanText } from './values.ts';
import type { XmlElement } from './xml-tree.ts';

/** The 3.5 names of the indicator kinds Part 2 has, by draft: the 2017 files and the later schema. */
export const INDICATOR_ELEMENTS: Readonly<Record<string, IndicatorType>> = {
  QuantitativePerformanceIndicator: 'Quantitative',
  UnitPerformanceIndicator: 'Quantitative',
  QualitativePerformanceIndicator: 'Qualitative',
  DescriptorPerformanceIndicator: 'Qualitative',
};

const INDICATOR_EXTRAS = [...LINK_AND_STATE_ELEMENTS, 'Stakeholders', 'Categorization', 'Keyness', 'RatingSet'] as const;
/** A unit, a dimension or a result is kept as its value alone. */
const VALUE_EXTRAS = [...IDENTIFIER_NAMES, ...LINK_AND_STATE_ELEMENTS] as const;

export class Stratml35IndicatorReader {
  constructor(
    private readonly context: ReadContext,
    private readonly references: Stratml35References,
  ) {}

  indicator(element: XmlElement, path: string, indicatorType: IndicatorType): PerformanceIndicator {
    const indicator: PerformanceIndicator = { ...blankIndicator(), indicatorType };
    const once = new Once(this.context);
    const instance: MeasurementInstance = { targetResults: [], actualResults: [] };
    const readIdentifier = this.context.singleText(once, 'Identifier', (v) => (indicator.identifier = v));
    // Known before the children are read, so a MeasurementDimension the Name overrides is reported where it stands.
    const name = childText(element, 'Name');
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Identifier: readIdentifier,
      Identifer: readIdentifier,
      Name: this.context.singleText(once, 'Name', (v) => (indicator.measurementDimension ||= v)),
      SequenceIndicator: this.context.singleText(once, 'SequenceIndicator', (v) => (indicator.sequenceIndicator = v)),
      // Part 2 has no Description on an indicator; OtherInformation is where its words can go.
      Description: this.context.singleText(once, 'OtherInformation', (v) => (indicator.otherInformation = v)),
      OtherInformation: this.context.singleText(once, 'OtherInformation', (v) => (indicator.otherInformation = v)),
      MeasurementDimension: (el, p) => once.take('MeasurementDimension', el, p, () => this.dimension(el, p, name, indicator)),
      UnitOfMeasurement: (el, p) => once.take('UnitOfMeasurement', el, p, () => (indicator.unitOfMeasurement = this.named(el, p))),
      ValueChainStage: (el, p) => once.take('ValueChainStage', el, p, () => (indicator.valueChainStage = this.context.enumeration(this.context.text(el, p), VALUE_CHAIN_STAGES, p, el))),
      Target: (el, p) => instance.targetResults.push(...this.results(el, p)),
      Actual: (el, p) => instance.actualResults.push(...this.results(el, p)),
      ...this.context.notKept(INDICATOR_EXTRAS, NO_PART2_EQUIVALENT),
    });
    if (instance.targetResults.length > 0 || instance.actualResults.length > 0) indicator.measurementInstances.push(instance);
    return indicator;
  }

  private dimension(element: XmlElement, path: string, name: string, indicator: PerformanceIndicator): void {
    const dimension = this.named(element, path);
    if (name === '') indicator.measurementDimension = dimension;
    else if (dimension !== '') this.context.note(path, element, `"${dimension}" not kept: the indicator's Name "${name}" is its Part 2 MeasurementDimension`);
  }

  /**
   * A dimension or unit: plain text, or an element with a Name, or a reference to one defined
   * elsewhere (the Monthly dimension of an asset, say).
   */
  private named(element: XmlElement, path: string): string {
    if (element.children.length === 0) return cleanText(this.context.text(element, path));
    const once = new Once(this.context);
    let value = '';
    let reference = null as Located | null;
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.context.singleText(once, 'Name', (v) => (value = v)),
      ReferenceIdentifier: (el, p) => once.take('ReferenceIdentifier', el, p, () => (reference = { element: el, path: p, value: cleanText(this.context.text(el, p)) })),
      ...this.context.notKept([...VALUE_EXTRAS, 'Description'], NO_PART2_EQUIVALENT),
    });
    if (value === '' && reference && reference.value !== '') {
      const target = this.references.find(reference.value);
      value = target ? nameOf(target) : '';
      if (value === '') this.context.note(reference.path, reference.element, `"${reference.value}" names nothing in the file with a Name; ignored`);
    }
    return value;
  }

  /** The Results of a Target or Actual list (a plural wrapper in all but name). */
  private results(element: XmlElement, path: string): Result[] {
    const results: Result[] = [];
    this.context.attributes(element, path);
    this.context.children(element, path, { Result: (el, p) => results.push(this.result(el, p)) });
    return results;
  }

  private result(element: XmlElement, path: string): Result {
    const result = blankResult();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      StartDate: (el, p) => once.take('StartDate', el, p, () => (result.startDate = this.context.date(el, p))),
      EndDate: (el, p) => once.take('EndDate', el, p, () => (result.endDate = this.context.date(el, p))),
      NumberOfUnits: (el, p) => once.take('NumberOfUnits', el, p, () => (result.numberOfUnits = this.context.number(el, p))),
      Descriptor: (el, p) => once.take('Descriptor', el, p, () => (result.descriptor = this.descriptor(el, p))),
      Description: this.context.singleText(once, 'Description', (v) => (result.description = v)),
      ...this.context.notKept([...VALUE_EXTRAS, 'Score'], NO_PART2_EQUIVALENT),
    });
    return result;
  }

  private descriptor(element: XmlElement, path: string): Descriptor | null {
    const descriptor: Descriptor = { name: '', value: '' };
    const once = new Once(this.context);
    const readName = this.context.singleText(once, 'Name', (v) => (descriptor.name = v));
    const readValue = this.context.singleText(once, 'Value', (v) => (descriptor.value = v));
    this.context.attributes(element, path);
    // The later 3.5 schema says Name and Value; Part 2 and the earlier drafts DescriptorName and DescriptorValue.
    this.context.children(element, path, { Name: readName, DescriptorName: readName, Value: readValue, DescriptorValue: readValue });
    return descriptor.name === '' && descriptor.value === '' ? null : descriptor;
  }
}
