import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { EDGEKIT_VERSION } from '../version.js';

/** The home screen: what edgekit is and how to leave. */
export function Home() {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  // Raw mode is unavailable when stdin is not a terminal (pipes, CI): never bind keys then.
  useInput(
    (input) => {
      if (input === 'q') exit();
    },
    { isActive: isRawModeSupported === true },
  );
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>edgekit {EDGEKIT_VERSION}</Text>
      <Text>Plan VM hosts under over-commit, compose on MAAS, deploy Charmed Kubernetes with Juju.</Text>
      <Text dimColor>{isRawModeSupported ? 'q quit' : 'stdin is not a terminal: read-only view'}</Text>
    </Box>
  );
}
