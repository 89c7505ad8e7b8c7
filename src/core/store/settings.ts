import { ObservableRepository } from './repository';
import { DEFAULT_USER_ID } from './context';
import { InvalidInputError } from './validation';

export interface UserSettings {
  theme: 'dark' | 'light' | 'system';
  /**
 * Domain folder name that the learning tree opens first, or null for none. */
  defaultDomain: string | null;
  showCompletedLayers: boolean;
  notificationsEnabled: boolean;
}

export const DEFAULT_SETTINGS: Readonly<UserSettings> = Object.freeze({
  theme: 'system',
  defaultDomain: null,
  showCompletedLayers: true,
  notificationsEnabled: true,
});

type Validators = { [K in keyof UserSettings]: (value: unknown) => value is UserSettings[K] };

const VALIDATORS: Validators = {
  theme: (value): value is UserSettings['theme'] => value === 'dark' || value === 'light' || value === 'system',
  defaultDomain: (value): value is string | null => value === null || (typeof value === 'string' && value !== ''),
  showCompletedLayers: (value): value is boolean => typeof value === 'boolean',
  notificationsEnabled: (value): value is boolean => typeof value === 'boolean',
};

const EXPECTED: { [K in keyof UserSettings]: string } = {
  theme: "'dark', 'light' or 'system'",
  defaultDomain: 'a non-empty string or null',
  showCompletedLayers: 'true or false',
  notificationsEnabled: 'true or false',
};

const SETTING_KEYS = Object.keys(VALIDATORS) as Array<keyof UserSettings>;

/**
 * The default user's preferences, stored as a JSON object in users.settings.
 * Keys this version does not know are kept when writing, so a newer Luno-AI's
 * settings survive; stored values that fail validation read as their defaults.
.
 * `onDidChange` fires with the full settings after each update.
 */
export class SettingsRepository extends ObservableRepository<UserSettings> {
  get(): UserSettings {
    const stored = this.context.read(() => this.readStored());
    return this.resolve(stored);
  }

  /**
   * Validates `patch`, merges it into the stored settings and returns the result.
   * Throws InvalidInputError naming the key and value when a value is invalid or a key unknown.
   */
  update(patch: Partial<UserSettings>): UserSettings {
    const changes = validatePatch(patch);

    const merged = this.context.write(() => {
      const stored = this.readStored();
      const next: Record<string, unknown> = { ...stored, ...changes };

      this.context
        .statement('UPDATE users SET settings = ? WHERE id = ?')
        .run(JSON.stringify(next), DEFAULT_USER_ID);

      return next;
    });

    const settings = this.resolve(merged);
    this.changed.fire(settings);
    return settings;
  }

  private readStored(): Record<string, unknown> {
    const row = this.context.statement('SELECT settings FROM users WHERE id = ?').get(DEFAULT_USER_ID) as
      | { settings: string }
      | undefined;

    if (!row) {
      return {};
    }

    try {
      const parsed: unknown = JSON.parse(row.settings);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch (error) {
      this.context.logger.warn(`users.settings of ${DEFAULT_USER_ID} is not valid JSON; using the defaults`, error);
    }
    return {};
  }

  private resolve(stored: Record<string, unknown>): UserSettings {
    const settings: UserSettings = { ...DEFAULT_SETTINGS };
    const target = settings as unknown as Record<string, unknown>;

    for (const key of SETTING_KEYS) {
      if (!Object.hasOwn(stored, key)) {
        continue;
      }

      const value = stored[key];
      if (VALIDATORS[key](value)) {
        target[key] = value;
      } else {
        this.context.logger.warn(
          `stored setting ${key} has the invalid value ${JSON.stringify(value)}; using the default ${JSON.stringify(DEFAULT_SETTINGS[key])}`,
        );
      }
    }

    return settings;
  }
}

/** Returns the entries of `patch` whose value is not undefined, after validating them. */
function validatePatch(patch: Partial<UserSettings>): Record<string, unknown> {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new InvalidInputError(`Invalid settings update ${JSON.stringify(patch)}: expected an object.`);
  }

  const changes: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      continue;
    }

    if (!Object.hasOwn(VALIDATORS, key)) {
      throw new InvalidInputError(`Unknown setting ${key}: expected one of ${SETTING_KEYS.join(', ')}.`);
    }

    const settingKey = key as keyof UserSettings;
    if (!VALIDATORS[settingKey](value)) {
      throw new InvalidInputError(
        `Invalid value ${JSON.stringify(value)} for setting ${key}: expected ${EXPECTED[settingKey]}.`,
      );
    }

    changes[key] = value;
  }

  return changes;
}
