/** The local platform: DynamoDB Local, the API Gateway emulation, the development issuer, seed data. */
export {
  checkJava,
  portIsFree,
  DynamoDbLocalError,
  freePort,
  JavaNotFoundError,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDynamoDbClient,
  startDynamoDbLocal,
  type DynamoDbLocal,
  type DynamoDbLocalOptions,
} from './dynamodb';
export { ensureTable, localTableSchema, type EnsureTableResult } from './table';
export {
  createIssuer,
  DEMO_COUNTY,
  devToken,
  ISSUER_FILE,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER_URL,
  type DevTokenOptions,
  type Issuer,
  type IssuerOptions,
  type SignOptions,
  type TokenClaims,
} from './issuer';
export { buildEvent, flattenClaims, lambdaContext, type IncomingRequest } from './event';
export { createRouter, type RouteMatch, type Router } from './router';
export {
  BODY_LIMIT,
  createGateway,
  DEFAULT_HOST,
  JWKS_PATH,
  LAMBDA_PAYLOAD_LIMIT,
  PortInUseError,
  type Gateway,
  type GatewayOptions,
  type HandlerMap,
  type LambdaHttpHandler,
} from './gateway';
export {
  DEFAULT_TABLE_NAME,
  loadHandlers,
  setFunctionEnvironment,
  startPlatform,
  type Platform,
  type PlatformOptions,
} from './platform';
export { DEMO_COUNTY_NAME, DEMO_TOWNSHIPS, demoRound, FIRST_DEMO_TOWNSHIP, SeedError, seedDemo, type SeedOptions, type SeedResult } from './seed';
export { LocalTimelineRunner, RealClock, SimulatedClock, startScheduler, startWorkflow, type LocalScheduler, type LocalWorkflow, type RunnerStats, type TimelineClock } from './workflow';
