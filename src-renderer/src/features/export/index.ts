// The export feature's public surface: the transport bar's Export button and status.
export { ExportControl } from './ExportControl';
