import type { Plugin } from 'vite';

export declare const CACHE_PREFIX: string;
export declare function serviceWorkerSource(files: string[], version: string): string;
export declare function offlineCache(): Plugin;
