/** Placeholder so the module compiles; replaced as the module grows. */
package org.jingchain.sim;
