/**
 * Runnable SDK examples. docs/sdk.md shows the code between their {@code example:start} and {@code
 * example:end} markers (a test keeps the two identical) and SdkExamplesIT runs them against a real
 * node.
 */
package org.jingchain.sdk.examples;
