export { SMART_CENTRE_ID_SYSTEM } from '../registry/identifier-systems.ts';
export { simulatorEnv } from './env.ts';
export { FaultSpec, type FaultSpecInput } from './faults.ts';
export { SIM_PROVIDERS, type SimProvider } from './http-types.ts';
export {
  DEFAULT_SEED,
  type Simulator,
  type SimulatorFaults,
  type SimulatorOptions,
  startSimulator,
} from './simulator.ts';
export { type DoseArrival, doseArrivals, nextSlotAt, type SimSlot, siteProfile, slotsAt } from './supply.ts';
