// The explorer at /graphiql: GraphiQL on this service's /graphql, opened on example searches.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
// The example searches, also run by the API tests so they stay valid.
import tabs from './examples.json';

// Monaco's workers are bundled beside this file.
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    const file = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
    return new Worker(new URL(file, import.meta.url));
  },
};

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).href });
createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs: tabs }),
);
