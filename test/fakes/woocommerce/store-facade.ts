/** What a test holds: the store's data, and the actions a merchant, an admin or WordPress itself takes. */
import type http from 'node:http';
import type { StoreState } from './store-state.js';
import { FAKE_STORE_CA } from './tls.js';
import type { FakeProduct, FakeWooCommerce, FetchInit } from './types.js';
import { rawRequest } from './wordpress-http.js';

export function storeFacade(store: StoreState, server: http.Server): FakeWooCommerce {
  const { state, hub } = store;
  const testFetch = (target: string, init: FetchInit = {}) =>
    rawRequest(target, init, [FAKE_STORE_CA, ...state.trustedCa]);
  const product = (id: number) => {
    const found = state.products.get(id);
    if (!found) throw new Error(`no product ${id}`);
    return found;
  };
  return {
    get url() {
      return state.url;
    },
    ca: FAKE_STORE_CA,
    get weightUnit() {
      return state.units.weight;
    },
    get dimensionUnit() {
      return state.units.dimension;
    },
    setUnits: (weight, dimension) => Object.assign(state.units, { weight, dimension }),
    products: state.products,
    keys: state.keys,
    webhooks: state.webhooks,
    requests: state.requests,
    deliveries: state.deliveries,
    behaviour: state.behaviour,
    get pendingActions() {
      return hub.pending;
    },
    issueKey: (permissions) => store.issueKey(permissions),
    revokeKey: (key) => {
      key.revoked = true;
    },
    signIn({ manageWooCommerce = true } = {}) {
      const { user, cookie } = state.sessions.signIn(manageWooCommerce);
      const fetch = (target: string, init: FetchInit = {}) =>
        testFetch(target, { ...init, headers: { ...init.headers, cookie } });
      return { userId: user.userId, cookie, fetch };
    },
    addWordPressWebhook: (input) => hub.add({ ...input, status: 'active' }),
    fetch: testFetch,
    restProduct: store.productJson,
    ...productActions(store, product),
    runScheduledActions: () => hub.run(),
    forgeDelivery: (topic, id, { signature }) => hub.forge(topic, id, signature),
    redeliver: (delivery) => hub.redeliver(delivery),
    pageRequests: (perPage = 100) => pageRequests(state.requests, perPage),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Saving, trashing, restoring and deleting a product fire the hooks WooCommerce's topics listen to. */
function productActions(
  store: StoreState,
  product: (id: number) => FakeProduct,
): Pick<
  FakeWooCommerce,
  'createProduct' | 'updateProduct' | 'trashProduct' | 'restoreProduct' | 'deleteProduct'
> {
  const { state, hub } = store;
  return {
    createProduct(input) {
      const created = {
        ...input,
        id: Math.max(100, ...state.products.keys()) + 1,
        type: 'simple' as const,
        virtual: false,
        status: 'publish' as const,
        parentId: 0,
        variationIds: [],
      };
      state.products.set(created.id, created);
      hub.fire('product.created', created.id);
      return created;
    },
    updateProduct(id, change) {
      Object.assign(product(id), change);
      hub.fire('product.updated', id);
    },
    trashProduct(id) {
      product(id).status = 'trash';
      hub.fire('product.deleted', id);
    },
    restoreProduct(id) {
      product(id).status = 'publish';
      hub.fire('product.restored', id);
    },
    deleteProduct(id) {
      for (const variationId of product(id).variationIds) state.products.delete(variationId);
      state.products.delete(id);
    },
  };
}

function pageRequests(requests: FakeWooCommerce['requests'], perPage: number): Map<number, number> {
  const pages = new Map<number, number>();
  for (const recorded of requests) {
    if (
      recorded.route === 'products' &&
      recorded.page !== undefined &&
      recorded.perPage === perPage &&
      recorded.status === 200
    ) {
      pages.set(recorded.page, (pages.get(recorded.page) ?? 0) + 1);
    }
  }
  return pages;
}
