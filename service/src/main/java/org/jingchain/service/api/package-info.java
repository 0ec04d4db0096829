/**
 * The node's HTTP API as services see it: routes, requests, responses and the stable error codes.
 * The node's server (docs/decisions/0003-http-server.md) turns them into HTTP.
 */
package org.jingchain.service.api;
