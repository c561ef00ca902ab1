// One free-port rule for tests and benches (the bench already starts servers through tests/support).
export { freePort } from '../tests/support/nginx.ts';
