// Every API method's handler, one spread per domain; the Handlers type makes a missing
// method a compile error, so the contract and its implementation cannot drift.
import { briefingsHandlers } from './briefings';
import { annotationsHandlers } from './annotations';
import type { Handlers } from './dispatch';
import { documentsHandlers } from './documents';
import { filesHandlers } from './files';
import { interchangeHandlers } from './interchange';
import { libraryHandlers } from './library';
import { retrievalHandlers } from './retrieval';
import { chartsHandlers } from './charts';
import { profileHandlers } from './profile';
import { qdaHandlers } from './qda';
import { searchHandlers } from './search';
import { storageHandlers } from './storage';

export const handlers: Handlers = {
  ...documentsHandlers,
  ...searchHandlers,
  ...annotationsHandlers,
  ...briefingsHandlers,
  ...filesHandlers,
  ...retrievalHandlers,
  ...chartsHandlers,
  ...profileHandlers,
  ...qdaHandlers,
  ...interchangeHandlers,
  ...storageHandlers,
  ...libraryHandlers,
};
