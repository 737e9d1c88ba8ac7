/** The deterministic demo-world generator: stream a world, read its ground truth, load it into sandboxes. */
export { streamWorld, generateAccount, addCounts, emptyCounts } from './world.generator';
export { planWorld } from './world-plan.util';
export { worldTruth, fitOf, propensityOf, winProbabilityOf, TRUTH_WEIGHTS } from './truth';
export { loadWorld, type LoadWorldOptions, type LoadWorldResult } from './world-loader.service';
export { loadTitleCatalog, defaultTitlesDir } from './title-source.util';
export type { HubspotLoadTarget, SalesforceLoadTarget } from './crm-targets.types';
export * from './world.types';
