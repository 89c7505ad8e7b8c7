// User settings that make a code-server window start the same way every time.
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Settings written to `<user-data-dir>/User/settings.json`. They turn off
 * what shows up unasked at start (welcome page, walkthroughs, tips,
 * recommendations, update checks, workspace trust, telemetry) and window
 * restore, so every run opens only the requested folder.
 */
export const deterministicSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'window.restoreWindows': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
};

/** Path of the user settings file inside a user-data dir. */
export function userSettingsFile(userDataDir: string): string {
  return path.join(userDataDir, 'User', 'settings.json');
}

/** Writes the deterministic settings with `overrides` on top. */
export async function writeUserSettings(userDataDir: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const file = userSettingsFile(userDataDir);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify({ ...deterministicSettings, ...overrides }, null, 2)}\n`);
}
