import InkSpinner from 'ink-spinner';
import { useTheme } from '../theme.js';

/** A spinner that stands still when animation is off (tests, pipes), so frames are deterministic. */
export function Spinner() {
  return useTheme().animate ? <InkSpinner type="dots" /> : '*';
}
