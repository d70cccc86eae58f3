import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../functions/routes';
import { README, withApiTable } from './readme-api';

describe("the README's API table", () => {
  const readme = readFileSync(README, 'utf8');

  it('is the one generated from the route table (run `npm run docs:api` after changing a route)', () => {
    expect(readme).toBe(withApiTable(readme));
  });

  it('lists every route once', () => {
    for (const route of ROUTES) {
      expect(readme.split(`| ${route.method} | \`${route.path}\` |`).length - 1, `${route.method} ${route.path}`).toBe(1);
    }
  });
});
