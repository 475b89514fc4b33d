// Each component test starts from empty settings and an unmounted tree.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { reloadSettings } from '../live/settings';

afterEach(() => {
  cleanup();
  localStorage.clear();
  reloadSettings();
});
