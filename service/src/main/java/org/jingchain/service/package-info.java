/**
 * The service seam (docs/architecture.md, decision 0016): a {@link PlatformService} contributes its
 * system contracts, transaction rules, genesis state and admission pre-check to execution, and its
 * API routes, indexes, metrics and console view to a running node through a {@link NodeContext}.
 * The node composes services and knows none by name.
 */
package org.jingchain.service;
