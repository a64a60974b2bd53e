/**
 * The platform's own strategy: the OGP Four-Year Strategy 2015-2018, written by us in StratML Part 2
 * from the seed text (../shared/seed/ogp-four-year-strategy-2015-2018.txt) and imported as the
 * default plan on first start.
 */
import path from 'node:path';

export const DEFAULT_PLAN_FILE = path.join(import.meta.dirname, 'ogp-strategy-2015-2018.xml');

/**
 * The StratML Identifier of each of the strategy's 15 performance indicators, by the number the
 * strategy gives it. The indicators dashboard binds its computations to these identifiers, so they
 * must stay as they are in the file. They differ from the objectives' identifiers on purpose: the
 * strategy numbers both an objective and an indicator "4.5.1".
 */
export const DEFAULT_INDICATOR_IDENTIFIERS: Record<string, string> = {
  '1.3.1': 'ogp-indicator-1-3-1',
  '1.3.2': 'ogp-indicator-1-3-2',
  '1.4.1': 'ogp-indicator-1-4-1',
  '2.2.1': 'ogp-indicator-2-2-1',
  '2.2.2': 'ogp-indicator-2-2-2',
  '2.2.3': 'ogp-indicator-2-2-3',
  '2.4.1': 'ogp-indicator-2-4-1',
  '3.1.1': 'ogp-indicator-3-1-1',
  '3.2.1': 'ogp-indicator-3-2-1',
  '3.2.2': 'ogp-indicator-3-2-2',
  '3.2.3': 'ogp-indicator-3-2-3',
  '3.3.1': 'ogp-indicator-3-3-1',
  '3.3.2': 'ogp-indicator-3-3-2',
  '4.2.1': 'ogp-indicator-4-2-1',
  '4.5.1': 'ogp-indicator-4-5-1',
};
