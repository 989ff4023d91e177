import * as migration_20261126_155320_initial from './20261126_155320_initial';

export const migrations = [
  {
    up: migration_20261126_155320_initial.up,
    down: migration_20261126_155320_initial.down,
    name: '20261126_155320_initial'
  },
];
