/** The list of platform services a node runs (decision 0016). */
package org.jingchain.platform;
