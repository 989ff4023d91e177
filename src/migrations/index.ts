import * as migration_20261126_162802_initial from './20261126_162802_initial';

export const migrations = [
  {
    up: migration_20261126_162802_initial.up,
    down: migration_20261126_162802_initial.down,
    name: '20261126_162802_initial'
  },
];
