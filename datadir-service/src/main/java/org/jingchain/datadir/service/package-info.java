/**
 * The data directory as a platform service (docs/spec/datadir.md): its API routes, its catalogue
 * index kept from committed blocks, and its console view.
 */
package org.jingchain.datadir.service;
