export declare const SYSTEM_CHROMIUM: string;
export declare function chromiumLaunchOptions(extraArgs?: string[]): {
  executablePath: string | undefined;
  args: string[];
};
