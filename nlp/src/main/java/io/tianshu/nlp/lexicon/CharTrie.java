package io.tianshu.nlp.lexicon;

import java.util.Arrays;

/**
 * A character trie stored in one open-addressing table of (node, char) → child, so a lookup costs a
 * hash probe per character and no object per node. Built once, then read-only.
 */
final class CharTrie {

  private long[] keys;
  private int[] children;
  private int[] payload = new int[16]; // entry index per node, -1 if none
  private int nodes = 1;
  private int size;

  CharTrie(int expectedChars) {
    int cap = Integer.highestOneBit(Math.max(16, expectedChars * 2)) << 1;
    keys = new long[cap];
    Arrays.fill(keys, -1L);
    children = new int[cap];
    Arrays.fill(payload, -1);
  }

  /** Adds {@code term} pointing to entry {@code value}; an earlier value for the same term wins. */
  void put(CharSequence term, int value) {
    int node = 0;
    for (int i = 0; i < term.length(); i++) {
      int child = child(node, term.charAt(i));
      if (child < 0) {
        child = nodes++;
        if (child >= payload.length) {
          int old = payload.length;
          payload = Arrays.copyOf(payload, old * 2);
          Arrays.fill(payload, old, payload.length, -1);
        }
        insert(node, term.charAt(i), child);
      }
      node = child;
    }
    if (payload[node] < 0) {
      payload[node] = value;
    }
  }

  /** Child of {@code node} under {@code c}, or -1. */
  int child(int node, char c) {
    long key = ((long) node << 16) | c;
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return children[slot];
      }
      if (k == -1L) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Entry index stored at {@code node}, or -1. */
  int value(int node) {
    return payload[node];
  }

  private void insert(int node, char c, int child) {
    if ((size + 1) * 2 > keys.length) {
      rehash();
    }
    long key = ((long) node << 16) | c;
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != -1L) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    children[slot] = child;
    size++;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldChildren = children;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, -1L);
    children = new int[keys.length];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1L) {
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != -1L) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        children[slot] = oldChildren[i];
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
