import type { CliCommand } from '../args';

// TODO: replaced by the real command once the content scanner lands.
export const command: CliCommand = {
  usage: 'Usage: luno check [ROOT]\n',
  run: async (_args, io) => {
    io.stderr('luno check is not built yet\n');
    return 1;
  },
};
