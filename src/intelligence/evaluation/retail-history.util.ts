import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { fnv1a } from '../models/random.util';

export interface RetailInvoice {
  time: number;
  value: number;
  lines: number;
  quantity: number;
  priceSum: number;
  seasonalLines: number;
  cancelled: boolean;
  products: Set<string>;
}

export interface RetailCustomer {
  id: string;
  uk: boolean;
  /** Invoices in time order. */
  invoices: RetailInvoice[];
}

// Christmas stock: a giftware wholesaler's customers who stock it tend to come back in the autumn.
const SEASONAL = /CHRISTMAS|XMAS|ADVENT|SANTA|REINDEER|SNOWFLAKE|BAUBLE/;

/**
 * Streams UCI Online Retail II (gzip CSV: Invoice, StockCode, Description, Quantity, InvoiceDate,
 * Price, Customer ID, Country) into per-customer invoices; lines without a customer are skipped.
 * C-prefixed invoices are cancellations/returns (negative quantities).
 */
export async function readRetailCustomers(file: string, sampleEvery = 1): Promise<RetailCustomer[]> {
  const customers = new Map<string, RetailCustomer & { byNumber: Map<string, RetailInvoice> }>();
  const parser = createReadStream(file).pipe(createGunzip()).pipe(parse({ from_line: 2, relax_column_count: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    const [invoiceNo, stockCode, description, quantityText, dateText, priceText, customerId, country] = record;
    if (!customerId) continue;
    if (sampleEvery > 1 && fnv1a(customerId) % sampleEvery !== 0) continue;
    let customer = customers.get(customerId);
    if (!customer) {
      customer = { id: customerId, uk: country === 'United Kingdom', invoices: [], byNumber: new Map() };
      customers.set(customerId, customer);
    }
    let invoice = customer.byNumber.get(invoiceNo);
    if (!invoice) {
      invoice = {
        time: Date.parse(`${dateText.replace(' ', 'T')}Z`),
        value: 0, lines: 0, quantity: 0, priceSum: 0, seasonalLines: 0,
        cancelled: invoiceNo.startsWith('C'),
        products: new Set(),
      };
      customer.byNumber.set(invoiceNo, invoice);
      customer.invoices.push(invoice);
    }
    const quantity = Number(quantityText);
    const price = Number(priceText);
    invoice.value += quantity * price;
    invoice.lines++;
    invoice.quantity += quantity;
    invoice.priceSum += price;
    invoice.products.add(stockCode);
    if (SEASONAL.test(description ?? '')) invoice.seasonalLines++;
  }
  return [...customers.values()].map(({ id, uk, invoices }) => ({ id, uk, invoices: invoices.sort((a, b) => a.time - b.time) }));
}
