/** One figure the bench prints, with what it means. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  meaning: string;
}
