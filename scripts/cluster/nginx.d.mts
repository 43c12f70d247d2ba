// Types for the test support and scripts that import nginx.mjs from TypeScript.
export type NginxOptions = { dir: string; port: number; host?: string; upstreams: string[]; maxBodyMb?: number; detached?: boolean };
export type RunningNginx = { url: string; pid: number | undefined; reload(upstreams: string[]): Promise<void>; stop(): Promise<void> };
export function ensureNginx(): string;
export function nginxConfig(options: Omit<NginxOptions, "detached">): string;
export function startNginx(options: NginxOptions): Promise<RunningNginx>;
export function stopNginx(dir: string): Promise<boolean>;
