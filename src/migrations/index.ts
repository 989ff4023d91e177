import * as migration_20261126_154723_initial from './20261126_154723_initial';

export const migrations = [
  {
    up: migration_20261126_154723_initial.up,
    down: migration_20261126_154723_initial.down,
    name: '20261126_154723_initial'
  },
];
