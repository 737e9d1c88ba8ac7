export * from './title-classifier.types';
export { TitleClassifierService, classifyTitle } from './title-classifier.service';
export type { ClassifyOptions } from './title-classifier.service';
export { inferBuyingRole } from './buying-role-rules.util';
export * from './crm-role-mapping.util';
export * from './buying-role-resolver.util';
