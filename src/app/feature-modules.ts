import type { Type } from '@nestjs/common';

/**
 * Feature modules in the data's path: sync → account graph → intelligence → recommendations → write-back.
 * Each provides its services and job processors; HTTP controllers are listed in `http-controllers.ts`.
 */
export const FEATURE_MODULES: Type[] = [];
