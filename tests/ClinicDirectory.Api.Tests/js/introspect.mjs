// graphql-js's standard introspection, with every option it has, against the service; prints a summary as JSON.
import { getIntrospectionQuery, buildClientSchema, printSchema } from 'graphql';

const url = process.argv[2];
const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
  body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
});
const body = await response.json();
const out = { status: response.status, contentType: response.headers.get('content-type'), errors: body.errors ?? null };
if (body.data) {
  const schema = buildClientSchema(body.data);
  out.types = Object.keys(schema.getTypeMap()).length;
  out.queryFields = Object.keys(schema.getQueryType().getFields());
  out.sdlLength = printSchema(schema).length;
}
console.log(JSON.stringify(out));
