import type { EvaluationReport, ModelScore, TabularReport } from './evaluation.types';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function modelLine(score: ModelScore, mark = ''): string {
  const folds = score.folds.map((f) => f3(f.auc)).join(' ');
  return `  ${(score.model + mark).padEnd(26)} ${f3(score.meanAuc).padStart(6)} ${pct(score.meanAccuracy).padStart(8)} ${f3(score.meanBrier).padStart(6)}   ${folds}`;
}

/** Paired view of a margin: in how many folds ours was ahead, since a mean can hide one lucky fold. */
function foldsAhead(ours: ModelScore, baseline: ModelScore): string {
  const ahead = (pick: (f: ModelScore['folds'][number]) => number) =>
    ours.folds.filter((f, k) => pick(f) > pick(baseline.folds[k])).length;
  return `   ours ahead in ${ahead((f) => f.auc)}/${ours.folds.length} folds on AUC, ${ahead((f) => f.accuracy)}/${ours.folds.length} on accuracy`;
}

function taskBlock(task: TabularReport): string[] {
  return [
    `${task.task}: ${task.description}`,
    `  ${task.rows} rows, positive rate ${pct(task.positiveRate)}, ${task.folds}-fold stratified CV (seed ${task.seed}), ${task.seconds.toFixed(1)} s`,
    `  ${'model'.padEnd(26)} ${'AUC'.padStart(6)} ${'accuracy'.padStart(8)} ${'Brier'.padStart(6)}   AUC per fold`,
    modelLine(task.ours, ' *'),
    ...(task.oursSingleSnapshot ? [modelLine(task.oursSingleSnapshot, ' (info)')] : []),
    ...task.baselines.map((b) => modelLine(b) + foldsAhead(task.ours, b)),
    `  ours beats every baseline on AUC and accuracy: ${task.beatsAllBaselines ? 'yes' : 'NO'}`,
    `  strongest features: ${task.topFeatures.slice(0, 5).map((f) => f.feature).join(', ')}`,
    '',
  ];
}

/** The human-readable report printed by `abm evaluate` without --json. */
export function formatEvaluationReport(report: EvaluationReport): string {
  const lines: string[] = [`Evaluation on ${report.dataDir}`, ''];
  for (const task of report.tasks) lines.push(...taskBlock(task));
  if (report.titles) {
    lines.push('titles: classifier vs labels derived from occupation codes (held-out occupation groups)');
    for (const l of report.titles.perLanguage) {
      lines.push(
        `  ${l.language}  ${l.source}: ${l.titles} titles, function ${pct(l.functionAccuracy)} ` +
          `(business functions only ${pct(l.focusFunctionAccuracy)} of ${l.focusTitles}), seniority ${pct(l.seniorityAccuracy)}, ` +
          `coverage ${pct(l.functionCoverage)}`,
      );
    }
    lines.push(`  rootstrap area (Business/Technical/Sales-Marketing/Other): ${pct(report.titles.rootstrapAreaAccuracy)} of ${report.titles.rootstrapTitles}`);
    lines.push(`  IPOD gazetteer token tags (RES/FUN/O): ${pct(report.titles.ipodTokenAccuracy)} of ${report.titles.ipodTokens}`);
    lines.push('');
  }
  for (const s of report.skipped) lines.push(`skipped ${s}`);
  lines.push(`total ${report.seconds.toFixed(1)} s`);
  return lines.join('\n');
}
