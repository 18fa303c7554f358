// The Models screen's public surface: what the app frame mounts, and the one-button download
// (an asset with its companions) that the first-run welcome offers.
export { ModelsView } from './ModelsView';
export { pendingOf, useGetModel, type GetState } from './useGetModel';
