/** Clinical decision support: risk models interpreted from versioned knowledge files. */
package io.tianshu.cds;
