// The one definition of everything the renderer may ask of the back end. Hosts (Electron IPC,
// the loopback dev host, the in-process test host) serve exactly these methods and nothing else.
import type { z } from 'zod';
import { annotationsApi } from './annotations';
import type { MethodDef } from './define';
import { briefingsApi } from './briefings';
import { chartsApi } from './charts';
import { documentsApi } from './documents';
import { filesApi } from './files';
import { interchangeApi } from './interchange';
import { libraryApi } from './library';
import { retrievalApi } from './retrieval';
import { profileApi } from './profile';
import { qdaApi } from './qda';
import { searchApi } from './search';
import { storageApi } from './storage';

export const contract = {
  ...documentsApi,
  ...searchApi,
  ...annotationsApi,
  ...briefingsApi,
  ...filesApi,
  ...retrievalApi,
  ...chartsApi,
  ...profileApi,
  ...qdaApi,
  ...interchangeApi,
  ...storageApi,
  ...libraryApi,
} satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
export type ResponseOf<M extends Method> = z.output<Contract[M]['response']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
