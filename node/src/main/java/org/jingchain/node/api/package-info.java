/** The REST/JSON API (JDK HTTP server on virtual threads), its JSON views and the block stream. */
package org.jingchain.node.api;
