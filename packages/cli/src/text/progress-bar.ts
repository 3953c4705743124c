/** A job's progress as one line of text: a bar, the percent and the counts. */
const WIDTH = 30;

export interface Progress {
  status: string;
  total: number;
  done: number;
  failed: number;
  percent: number;
}

export function progressLine(job: Progress): string {
  const filled = Math.min(WIDTH, Math.floor((job.percent * WIDTH) / 100));
  const bar = `${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}`;
  const failed = job.failed > 0 ? `, ${job.failed} failed` : "";
  return `[${bar}] ${String(job.percent).padStart(3)}% ${job.done + job.failed}/${job.total}${failed} ${job.status}`;
}
