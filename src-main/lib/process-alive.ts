// Whether a process id is running here: work folders named after the process that made them are
// swept only when that process is gone (a killed export), never while it may still be writing.
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
