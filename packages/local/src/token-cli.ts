/**
 * `npm run token -- --role <role> [--township <id>] [--districts a,b] [--county 330999] [--name 张三]`
 * Prints a development token signed with the key in `.data/dev-issuer.json` (created if missing),
 * the key the running platform trusts. The token alone goes to stdout: TOKEN=$(npm run -s token -- …)
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROLES } from '../../../functions/http/principal';
import { createIssuer, DEMO_COUNTY, devToken, isRole } from './issuer';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const USAGE = `Usage: npm run -s token -- --role <role> [options]

  --role <role>         ${ROLES.join(' | ')}
  --township <id>       the township (9 digits) of an officer; for an observer a comma list or '*'
  --districts <a,b>     a district officer's districts
  --county <code>       the county (6 digits), default ${DEMO_COUNTY}
  --name <name>         the user's display name
  --expires <span>      lifetime, e.g. 12h (default), 30m, 7d
  --claims              also print the claims (to stderr)
`;

function main(): Promise<void> | void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        township: { type: 'string' },
        districts: { type: 'string' },
        county: { type: 'string', default: DEMO_COUNTY },
        name: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        claims: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const role = values.role;
  if (!role || !isRole(role)) {
    console.error(`${role ? `Unknown role "${role}".` : 'A --role is required.'}\n\n${USAGE}`);
    process.exit(2);
  }
  let claims;
  try {
    claims = devToken({
      role,
      county: values.county,
      ...(values.township ? { township: values.township } : {}),
      ...(values.districts ? { districts: values.districts } : {}),
      ...(values.name ? { name: values.name } : {}),
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const expiresIn = values.expires;
  const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(REPO_ROOT, '.data');
  return createIssuer({ dataDir })
    .then((issuer) => issuer.sign(claims, { expiresIn }))
    .then((token) => {
      if (values.claims) console.error(JSON.stringify(claims, null, 2));
      console.log(token);
    });
}

Promise.resolve(main()).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
