// graphql-http's GraphQL over HTTP audits (the spec's MUST and SHOULD) against the service; prints each result as JSON.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));
