import * as migration_20261126_170540_initial from './20261126_170540_initial';

export const migrations = [
  {
    up: migration_20261126_170540_initial.up,
    down: migration_20261126_170540_initial.down,
    name: '20261126_170540_initial'
  },
];
