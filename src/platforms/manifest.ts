import doctolib from '../adapters/doctolib/platform.ts';
import keldoc from '../adapters/keldoc/platform.ts';
import maiia from '../adapters/maiia/platform.ts';
import smart from '../adapters/smart/platform.ts';
import type { Platform } from './define-platform.ts';

/**
 * Every platform Créneau reads; adding one is its folder `src/adapters/<name>/` and one line here.
 * Order is the order adapters are asked which URL they claim, filters list them, demo links are drawn.
 */
export const builtinPlatforms = [doctolib, maiia, keldoc, smart] as const;

type Builtin = (typeof builtinPlatforms)[number];
/** `doctolib` | `maiia` | `keldoc` | `smart`: the `provider` of an availability, a `providers.<name>` key. */
export type PlatformName = Builtin['name'];
/** The platforms centres book on (a centre's `booking.platform`, beside `other` and `none`). */
export type BookingPlatformName = Extract<Builtin, { kind: 'booking' }>['name'];

export interface Manifest<P extends Platform = Platform> {
  readonly platforms: readonly P[];
  readonly names: readonly P['name'][];
  /** The `booking` platforms, by host. */
  readonly booking: readonly Extract<P, { kind: 'booking' }>[];
  named(name: string): P | undefined;
  /** The booking platform a host belongs to. */
  ofHost(hostname: string): Extract<P, { kind: 'booking' }> | undefined;
}

/** A manifest over these platforms: the built-in one, or one a test extends with its own platform. */
export function createManifest<const P extends Platform>(platforms: readonly P[]): Manifest<P> {
  const names = platforms.map((p) => p.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`platform "${duplicate}" is declared twice`);
  const booking = platforms.filter((p): p is Extract<P, { kind: 'booking' }> => p.kind === 'booking');
  return {
    platforms,
    names,
    booking,
    named: (name) => platforms.find((p) => p.name === name),
    ofHost: (hostname) => booking.find((p) => p.ownsHost(hostname)),
  };
}

export const manifest = createManifest<Builtin>(builtinPlatforms);

/** For `z.enum`: the names as a non-empty tuple of their literal type. */
export const PLATFORM_NAMES = manifest.names as readonly PlatformName[] as readonly [
  PlatformName,
  ...PlatformName[],
];
export const BOOKING_PLATFORM_NAMES = manifest.booking.map(
  (p) => p.name,
) as readonly BookingPlatformName[] as readonly [BookingPlatformName, ...BookingPlatformName[]];

/** Each booking platform's label (`Doctolib`); pages add `other` and `none` in their own language. */
export const BOOKING_PLATFORM_LABELS = Object.fromEntries(
  manifest.booking.map((p) => [p.name, p.label]),
) as Readonly<Record<BookingPlatformName, string>>;
