import * as migration_20261126_173632_initial from './20261126_173632_initial';
import * as migration_20261202_003615_more_on_package from './20261202_003615_more_on_package';
import * as migration_20261202_164446_fallback_links from './20261202_164446_fallback_links';
import * as migration_20261202_165708_tag_suggestions from './20261202_165708_tag_suggestions';
import * as migration_20261202_193346_reader_site from './20261202_193346_reader_site';
import * as migration_20261203_090000_article_freshness_keys from './20261203_090000_article_freshness_keys';
import * as migration_20261204_205418_more_on_window_index from './20261204_205418_more_on_window_index';

export const migrations = [
  {
    up: migration_20261126_173632_initial.up,
    down: migration_20261126_173632_initial.down,
    name: '20261126_173632_initial',
  },
  {
    up: migration_20261202_003615_more_on_package.up,
    down: migration_20261202_003615_more_on_package.down,
    name: '20261202_003615_more_on_package',
  },
  {
    up: migration_20261202_164446_fallback_links.up,
    down: migration_20261202_164446_fallback_links.down,
    name: '20261202_164446_fallback_links',
  },
  {
    up: migration_20261202_165708_tag_suggestions.up,
    down: migration_20261202_165708_tag_suggestions.down,
    name: '20261202_165708_tag_suggestions',
  },
  {
    up: migration_20261202_193346_reader_site.up,
    down: migration_20261202_193346_reader_site.down,
    name: '20261202_193346_reader_site',
  },
  {
    up: migration_20261203_090000_article_freshness_keys.up,
    down: migration_20261203_090000_article_freshness_keys.down,
    name: '20261203_090000_article_freshness_keys',
  },
  {
    up: migration_20261204_205418_more_on_window_index.up,
    down: migration_20261204_205418_more_on_window_index.down,
    name: '20261204_205418_more_on_window_index'
  },
];
