export interface OnlineRetailColumns {
  readonly n: number;
  readonly invoiceNo: string[];
  readonly stockCode: string[];
  readonly quantity: Int32Array;
  readonly invoiceDate: Float64Array;
  readonly unitPrice: Float64Array;
  readonly customerId: Int32Array;
  readonly country: string[];
}
export declare const onlineRetailFile: string;
export declare function hasOnlineRetail(): boolean;
export declare function loadOnlineRetail(file?: string): OnlineRetailColumns;
export declare function onlineRetailCleanMask(cols: OnlineRetailColumns): Uint8Array;
export declare function onlineRetailTransactions(cols?: OnlineRetailColumns): { customerId: number[]; date: number[]; amount: number[] };
