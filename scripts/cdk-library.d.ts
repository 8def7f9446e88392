/** One npm package at the exact version the project pins. */
export interface PinnedPackage {
  readonly name: string;
  readonly version: string;
}

/** A CDK library the project can build with: its packages, versions and the Node.js it needs. */
export interface CdkLibrary {
  /** `cdktf` or `cdktn`. */
  readonly id: "cdktf" | "cdktn";
  /** The construct library (`App`, `TerraformStack`, ...). */
  readonly core: PinnedPackage;
  /** The CLI package and the name of its binary. */
  readonly cli: PinnedPackage & { readonly bin: string };
  /** The prebuilt AWS provider bindings. */
  readonly aws: PinnedPackage;
  /** The `constructs` version or range package.json gives. */
  readonly constructs: string;
  /** The `engines.node` range the library's CLI needs. */
  readonly node: string;
}

/** Both libraries, by id. */
export declare const LIBRARIES: { readonly cdktf: CdkLibrary; readonly cdktn: CdkLibrary };

/** The library a package.json depends on: cdktn when it lists `cdktn`, else cdktf. */
export declare function libraryOf(packageJson: {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}): CdkLibrary;

/** The library the project at `root` (default: this project) uses, read from its package.json. */
export declare function currentLibrary(root?: string): CdkLibrary;

/** This project's folder: the nearest one above the module that holds package.json and scripts/cdk-library.js. */
export declare function projectRoot(): string;
