// Apollo Federation: composes the directory's subgraph SDL (_service { sdl }) with a small partner subgraph that
// extends Clinic and Practitioner by their key, as a partner's gateway would; prints the outcome as JSON.
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';

const url = process.argv[2];
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query: '{ _service { sdl } }' }),
});
const sdl = (await response.json()).data._service.sdl;

const partner = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Clinic @key(fields: "id") { id: ID! partnerRating: Float }
  type Practitioner @key(fields: "id") { id: ID! partnerBookingUrl: String }
  type Query { topRated: [Clinic!]! }
`;
const result = composeServices([
  { name: 'directory', typeDefs: parse(sdl), url },
  { name: 'partner', typeDefs: parse(partner), url: 'http://partner.example/graphql' },
]);
console.log(JSON.stringify({
  errors: result.errors?.map(e => e.message) ?? null,
  supergraph: result.supergraphSdl ?? null,
}));
