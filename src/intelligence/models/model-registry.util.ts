import type { BinaryModel, SerializedModel } from './model.types';
import { LogisticRegressionModel } from './logistic-regression.model';
import { GradientBoostingModel } from './gradient-boosting.model';
import { NaiveBayesModel } from './naive-bayes.model';
import { EnsembleModel } from './ensemble.model';

/** Rebuilds any model from its `toJSON()` output (e.g. weights stored with a scoring configuration). */
export function modelFromJSON(json: SerializedModel): BinaryModel {
  switch (json.kind) {
    case 'logistic_regression':
      return LogisticRegressionModel.fromJSON(json);
    case 'gradient_boosting':
      return GradientBoostingModel.fromJSON(json);
    case 'naive_bayes':
      return NaiveBayesModel.fromJSON(json);
    case 'ensemble':
      return EnsembleModel.fromJSON(json);
    default:
      throw new Error(`unknown model kind: ${json.kind}`);
  }
}
