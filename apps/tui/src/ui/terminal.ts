import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The smallest terminal the layout is designed for; anything smaller is laid out as if it were this. */
export const MIN_SIZE: TerminalSize = { columns: 80, rows: 24 };

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return {
    columns: Math.max(MIN_SIZE.columns, stdout.columns || MIN_SIZE.columns),
    rows: Math.max(MIN_SIZE.rows, stdout.rows || MIN_SIZE.rows),
  };
}

/** Terminal size, following resizes. Pipes and test streams report no rows: assume 80×24. */
export function useTerminalSize(override?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => override ?? read(stdout));
  useEffect(() => {
    if (override) return;
    const onResize = () => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, override]);
  return override ?? size;
}
