/** The problems of one file: all counted, the first hundred kept, reported in line order. */
import { MAX_REPORTED_PROBLEMS, type CsvProblem, type PackagingCsvRead } from '../packaging-csv.js';

export class ProblemList {
  private readonly kept: CsvProblem[] = [];
  count = 0;

  add(problem: CsvProblem): void {
    this.count += 1;
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push(problem);
  }

  result(): PackagingCsvRead {
    const problems = [...this.kept].sort((a, b) => a.line - b.line);
    return { ok: false, problems, moreProblems: this.count - this.kept.length };
  }
}
